import keras
import numpy as np

# Multi-label: one sample, three classes, it belongs to classes 0 and 2.
# The last layer has a sigmoid per class: three independent probabilities.
y_true = np.array([[1, 0, 1]])
y_pred = np.array([[0.9, 0.2, 0.6]])
print(keras.losses.BinaryCrossentropy()(y_true, y_pred).numpy())
#> 0.27977654

# The binary cross-entropy of each class, averaged over the classes.
per_class = -(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred))
print(per_class.round(4), f"{per_class.mean():.8f}")
#> [[0.1054 0.2231 0.5108]] 0.27977656
