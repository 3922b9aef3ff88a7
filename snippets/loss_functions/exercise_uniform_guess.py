import keras
import numpy as np

# Class numbers of two samples, out of 3 classes...
classes = np.array([2, 0])
# ...as one-hot labels: a 1 at the true class, 0 elsewhere.
y_true = keras.utils.to_categorical(classes, num_classes=3)
print(y_true)
'''
[[0. 0. 1.]
 [1. 0. 0.]]
'''

# A model that knows nothing gives every class the same probability.
y_pred = np.full((2, 3), 1 / 3)
cce = keras.losses.CategoricalCrossentropy()
print(cce(y_true, y_pred).numpy(), np.log(3))
#> 1.0986123 1.0986122886681098
# A loss above log(3) means worse than this blind guess.
