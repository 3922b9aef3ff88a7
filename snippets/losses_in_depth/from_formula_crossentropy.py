import keras
import numpy as np


def categorical_crossentropy(y_true, y_pred):
    # L = -1/N sum_n sum_c y_nc log(y_hat_nc)
    y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    return np.mean(-np.sum(y_true * np.log(y_pred), axis=-1))


def binary_crossentropy(y_true, y_pred):
    # L = -1/N sum_n [y_n log(y_hat_n) + (1 - y_n) log(1 - y_hat_n)]
    y_true, y_pred = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    return np.mean(-(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)))


def compare(ours, keras_loss, y_true, y_pred):
    exact = ours(y_true, y_pred)  # float64
    value = keras_loss(y_true, y_pred).numpy()  # float32
    close = np.isclose(exact, value, rtol=1e-6)
    return f"NumPy {exact:.9f}  Keras {value!s:11}  close: {close}"


# The article's inputs, two examples for each loss.
cce = keras.losses.CategoricalCrossentropy()
y_true = [[0, 1, 0], [0, 0, 1]]
first, second = [[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]], [[0.05, 0.9, 0.05], [0.05, 0.05, 0.9]]
print("CCE 1:", compare(categorical_crossentropy, cce, y_true, first))
#> CCE 1: NumPy 0.399253848  Keras 0.39925388   close: True
print("CCE 2:", compare(categorical_crossentropy, cce, y_true, second))
#> CCE 2: NumPy 0.105360516  Keras 0.105360545  close: True

bce = keras.losses.BinaryCrossentropy()
y_true = [[0], [1]]
print("BCE 1:", compare(binary_crossentropy, bce, y_true, [[0.4], [0.6]]))
#> BCE 1: NumPy 0.510825624  Keras 0.5108256    close: True
print("BCE 2:", compare(binary_crossentropy, bce, y_true, [[0.1], [0.9]]))
#> BCE 2: NumPy 0.105360516  Keras 0.105360545  close: True
