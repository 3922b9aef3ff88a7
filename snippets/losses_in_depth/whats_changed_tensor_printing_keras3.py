import os

os.environ["TF_USE_LEGACY_KERAS"] = "0"  # Keras 3: the default today
import decimal
import sys

import numpy as np
from IPython.lib.pretty import pretty
import tensorflow as tf
from tensorflow import keras

package = keras.Model.__module__.split(".")[0]
version = sys.modules[package].__version__
versions = f"TensorFlow {tf.__version__}, {package} {version}"
print(f"{versions}, NumPy {np.__version__}")
#> TensorFlow 2.21.0, keras 3.15.1, NumPy 2.4.6

# The article's first example, with its nested lists.
y_true = [[0, 1, 0], [0, 0, 1]]
y_pred = [[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]]
loss = keras.losses.CategoricalCrossentropy()(y_true, y_pred)

# Called eagerly, the loss returns an eager tensor, a float32 scalar.
print(type(loss).__name__, loss.dtype)
#> EagerTensor <dtype: 'float32'>

# print() shows the value with its shape and dtype.
print(loss)
#> tf.Tensor(0.39925388, shape=(), dtype=float32)

# IPython's default display (what a Jupyter cell ending in the loss shows):
# pretty(), the same text as repr(). Its digits are those of the float32
# turned into a Python float (a float64).
print(pretty(loss))
#> <tf.Tensor: shape=(), dtype=float32, numpy=0.39925387501716614>
print(pretty(loss) == repr(loss), repr(loss.numpy().item()))
#> True 0.39925387501716614

# .numpy() is a NumPy float32 scalar: print() gives the shortest digits that
# identify the float32; repr() (what IPython displays) names its type.
print(loss.numpy())
#> 0.39925388
print(pretty(loss.numpy()))
#> np.float32(0.39925388)

# The exact decimal value of that float32 number, and a check that the short
# and the long digits both stand for it.
print(decimal.Decimal(loss.numpy().item()))
#> 0.3992538750171661376953125
short, long = np.float32("0.39925388"), np.float32("0.39925387501716614")
print(short == long == loss.numpy())
#> True
