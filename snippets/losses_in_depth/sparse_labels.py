import keras
import numpy as np

# The article's predictions for two samples of three classes.
y_pred = np.array([[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]])

# The true classes as one-hot rows, for CategoricalCrossentropy...
one_hot = np.array([[0, 1, 0], [0, 0, 1]])
print(keras.losses.CategoricalCrossentropy()(one_hot, y_pred).numpy())
#> 0.39925388

# ...or as class indices (counting from 0), for SparseCategoricalCrossentropy.
labels = np.array([1, 2])
print(keras.losses.SparseCategoricalCrossentropy()(labels, y_pred).numpy())
#> 0.39925388

# to_categorical turns the indices into the one-hot rows.
print(keras.utils.to_categorical(labels, num_classes=3))
'''
[[0. 1. 0.]
 [0. 0. 1.]]
'''
