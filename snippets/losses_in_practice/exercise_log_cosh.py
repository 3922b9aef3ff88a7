import keras
import numpy as np


# log(cosh(error)), averaged over each sample's outputs.
def log_cosh(y_true, y_pred):
    error = y_pred - y_true
    return keras.ops.mean(keras.ops.log(keras.ops.cosh(error)), axis=-1)


y_true = np.zeros((3, 2), dtype="float32")
y_pred = np.array([[0.1, -0.2], [1.0, 2.0], [-3.0, 0.5]], dtype="float32")
mine = log_cosh(y_true, y_pred).numpy()
theirs = keras.losses.LogCosh(reduction=None)(y_true, y_pred).numpy()
print(mine)
#> [0.01242987 0.8793918  1.2147216 ]
print(theirs)
#> [0.01242989 0.87939173 1.2147216 ]
print(np.allclose(mine, theirs, atol=1e-6))
#> True
# With the default reduction, Keras takes the mean over the 3 samples.
print(f"{keras.losses.LogCosh()(y_true, y_pred).numpy():.6f} {mine.mean():.6f}")
#> 0.702181 0.702181

# An error of 100: cosh overflows float32 (inf); Keras' formula does not.
y_true = np.zeros((1, 1), dtype="float32")
y_pred = np.full((1, 1), 100.0, dtype="float32")
mine = log_cosh(y_true, y_pred).numpy()
theirs = keras.losses.LogCosh(reduction=None)(y_true, y_pred).numpy()
print(mine, theirs)
#> [inf] [99.306854]
