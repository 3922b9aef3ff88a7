import keras
import numpy as np


def binary_crossentropy(y_true, y_pred):
    # L = -1/N sum_n [y_n log(y_hat_n) + (1 - y_n) log(1 - y_hat_n)]
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    terms = y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)
    return -np.mean(terms)


y_true = np.array([[1.0], [0.0], [1.0]], dtype="float32")
y_pred = np.array([[0.8], [0.3], [0.6]], dtype="float32")

formula = binary_crossentropy(y_true, y_pred)
keras_value = keras.losses.BinaryCrossentropy()(y_true, y_pred).numpy()
print(f"{formula:.7f}", keras_value)
#> 0.3635480 0.36354804
# Equal up to float32 rounding: a relative difference below 1e-6.
print(np.isclose(keras_value, formula, rtol=1e-6, atol=0))
#> True
