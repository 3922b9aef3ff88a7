import keras
import numpy as np

# Two samples with one sigmoid output each:
# the first is negative, the second positive.
y_true = [[0], [1]]
y_pred = [[0.4], [0.6]]

bce = keras.losses.BinaryCrossentropy()
print(bce(y_true, y_pred).numpy())
#> 0.5108256

# Predictions closer to the labels.
y_pred_better = [[0.1], [0.9]]
print(bce(y_true, y_pred_better).numpy())
#> 0.105360545

# The exact values, -log(0.6) and -log(0.9), in float64...
print(-np.log([0.6, 0.9]))
#> [0.51082562 0.10536052]
# ...and -log(p + epsilon) in float32, with epsilon = 1e-7 added inside the
# logarithm: the article's two numbers.
print(-np.log(np.float32([0.6, 0.9]) + np.float32(1e-7)))
#> [0.5108254  0.10536041]

# Keras computes in float32 by default; NumPy in float64.
print(keras.config.floatx(), np.log([0.6]).dtype)
#> float32 float64

# A soft label such as 0.9 is accepted too: then both terms count.
soft = bce([[0.9]], [[0.6]]).numpy()
print(f"{soft:.6f}  {-(0.9 * np.log(0.6) + 0.1 * np.log(0.4)):.6f}")
#> 0.551372  0.551372

# Confidently wrong: a positive sample at p = 0, a negative one at p = 1.
# Keras clips p to [epsilon, 1 - epsilon], so the losses stay finite.
per_sample = keras.losses.BinaryCrossentropy(reduction=None)
print(per_sample([[1], [0]], [[0.0], [1.0]]).numpy())
#> [16.118095 15.942385]
