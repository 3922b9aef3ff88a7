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

cce = keras.losses.CategoricalCrossentropy()
bce = keras.losses.BinaryCrossentropy()
mae = keras.losses.MeanAbsoluteError()
mse = keras.losses.MeanSquaredError()
huber = keras.losses.Huber()
labels = [[0, 1, 0], [0, 0, 1]]
first = [[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]]
second = [[0.05, 0.9, 0.05], [0.05, 0.05, 0.9]]
targets = [[0.0], [1.0]]
# The article's seven examples: loss, inputs, what the article printed, and
# the formula's exact value for the decimal inputs.
cases = [
    ("CCE", cce, labels, first, "0.39925388", -(np.log(0.9) + np.log(0.5)) / 2),
    ("CCE", cce, labels, second, "0.105360545", -np.log(0.9)),
    ("BCE", bce, [[0], [1]], [[0.4], [0.6]], "0.5108254", -np.log(0.6)),
    ("BCE", bce, [[0], [1]], [[0.1], [0.9]], "0.10536041", -np.log(0.9)),
    ("MAE", mae, targets, [[1.0], [0.0]], "1.0", 1.0),
    ("MSE", mse, targets, [[1.0], [1.0]], "0.5", 0.5),
    ("Huber", huber, targets, [[0.6], [0.4]], "0.18", 0.5 * 0.6**2),
]

header = f"{'article':>12} {package:>12} {'formula':>12}"
print(f"{'loss':6} {header}  same as article")
#> loss        article        keras      formula  same as article
for name, loss, y_true, y_pred, article, exact in cases:
    value = loss(y_true, y_pred).numpy()
    same = np.float32(article) == value
    print(f"{name:6} {article:>12} {value!s:>12} {exact:12.9f}  {same}")
    #> CCE      0.39925388   0.39925388  0.399253848  True
    #> CCE     0.105360545  0.105360545  0.105360516  True
    #> BCE       0.5108254    0.5108256  0.510825624  False
    #> BCE      0.10536041  0.105360545  0.105360516  False
    #> MAE             1.0          1.0  1.000000000  True
    #> MSE             0.5          0.5  0.500000000  True
    #> Huber          0.18         0.18  0.180000000  True
