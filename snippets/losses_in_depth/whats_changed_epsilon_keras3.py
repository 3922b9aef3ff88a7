import os

os.environ["TF_USE_LEGACY_KERAS"] = "0"  # Keras 3: the default today
import sys

import numpy as np
import tensorflow as tf
from tensorflow import keras

package = keras.Model.__module__.split(".")[0]
version = sys.modules[package].__version__
print(f"TensorFlow {tf.__version__}, {package} {version}")
#> TensorFlow 2.21.0, keras 3.15.1

eps = np.float32(keras.backend.epsilon())


def bce(y, p, extra):
    # In float32, like Keras: clip p to [eps, 1 - eps], then add `extra`
    # inside both logarithms.
    p = np.clip(p, eps, 1 - eps)
    log_p, log_1_minus_p = np.log(p + extra), np.log(1 - p + extra)
    return np.mean(-(y * log_p + (1 - y) * log_1_minus_p))


def cce(y, p):
    # In float32: normalize each row, clip, and add nothing.
    p = np.clip(p / p.sum(axis=-1, keepdims=True), eps, 1 - eps)
    return np.mean(-np.sum(y * np.log(p), axis=-1))


# Binary, labels 0 and 1: the article's two examples, then a confident
# mistake on both samples.
y_true = np.array([[0], [1]], dtype="float32")
print(f"{'p':>9} {package:>11} {'log(p)':>11} {'log(p+eps)':>11}  equal?")
#>         p       keras      log(p)  log(p+eps)  equal?
for p in ([[0.4], [0.6]], [[0.1], [0.9]], [[1.0], [0.0]]):
    p = np.array(p, dtype="float32")
    value = keras.losses.BinaryCrossentropy()(y_true, p).numpy()
    plain, plus_eps = bce(y_true, p, np.float32(0)), bce(y_true, p, eps)
    row = f"{value!s:>11} {plain!s:>11} {plus_eps!s:>11}"
    print(f"{str(p.ravel()):>9} {row}  {value == plain} {value == plus_eps}")
    #> [0.4 0.6]   0.5108256   0.5108256   0.5108254  True False
    #> [0.1 0.9] 0.105360545 0.105360545  0.10536041  True False
    #>   [1. 0.]    16.03024    16.03024   15.379093  True False

# Categorical, the article's first example: clipping alone, in both.
one_hot = np.array([[0, 1, 0], [0, 0, 1]], dtype="float32")
p = np.array([[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]], dtype="float32")
value = keras.losses.CategoricalCrossentropy()(one_hot, p).numpy()
print("CCE:", value, cce(one_hot, p), value == cce(one_hot, p))
#> CCE: 0.39925388 0.39925388 True
