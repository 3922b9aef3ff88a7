import decimal

import keras
import numpy as np

y_true = [[0, 1, 0], [0, 0, 1]]
y_pred = [[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]]
loss = keras.losses.CategoricalCrossentropy()(y_true, y_pred)

# Called eagerly, a loss returns an eager tensor, a float32 scalar.
print(type(loss).__name__, loss.dtype)
#> EagerTensor <dtype: 'float32'>

# print() shows the value with its shape and dtype.
print(loss)
#> tf.Tensor(0.39925388, shape=(), dtype=float32)

# A notebook cell that ends in the loss shows repr(). For a scalar,
# TensorFlow writes repr(value.item()): the float32 turned into a Python float
# (a float64), in Python's shortest digits for that float64.
print(repr(loss))
#> <tf.Tensor: shape=(), dtype=float32, numpy=0.39925387501716614>
print(repr(loss.numpy().item()))
#> 0.39925387501716614

# Those 17 digits are not the exact value either: in decimal it has 25
# significant digits.
print(decimal.Decimal(float(loss)))
#> 0.3992538750171661376953125

# .numpy() is a NumPy float32 scalar: print() gives the shortest digits that
# identify the float32, and NumPy 2's repr() (what a notebook shows) names its
# type.
print(loss.numpy())
#> 0.39925388
print(repr(loss.numpy()))
#> np.float32(0.39925388)

# Three spellings of one and the same float32 number.
short, long = np.float32("0.39925388"), np.float32("0.39925387501716614")
print(short == long == loss.numpy())
#> True
print(decimal.Decimal(float(short)) == decimal.Decimal(float(loss)))
#> True
