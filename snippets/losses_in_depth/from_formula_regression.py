import keras
import numpy as np


def mae(y_true, y_pred):
    # L = 1/N sum_n |y_n - y_hat_n|
    return np.mean(np.abs(np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)))


def mse(y_true, y_pred):
    # L = 1/N sum_n (y_n - y_hat_n)^2
    return np.mean((np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)) ** 2)


def huber(y_true, y_pred, delta=1.0):
    # 0.5 x^2 where |x| <= delta, delta (|x| - 0.5 delta) elsewhere; then the mean
    x = np.abs(np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float))
    return np.mean(np.where(x <= delta, 0.5 * x**2, delta * (x - 0.5 * delta)))


def compare(ours, keras_loss, y_true, y_pred):
    exact = ours(y_true, y_pred)  # float64
    value = keras_loss(y_true, y_pred).numpy()  # float32
    close = np.isclose(exact, value, rtol=1e-6)
    return f"NumPy {exact:.9f}  Keras {value!s:11}  close: {close}"


# The article's inputs.
y_true = [[0.0], [1.0]]
print("MAE:  ", compare(mae, keras.losses.MeanAbsoluteError(), y_true, [[1.0], [0.0]]))
#> MAE:   NumPy 1.000000000  Keras 1.0          close: True
print("MSE:  ", compare(mse, keras.losses.MeanSquaredError(), y_true, [[1.0], [1.0]]))
#> MSE:   NumPy 0.500000000  Keras 0.5          close: True
print("Huber:", compare(huber, keras.losses.Huber(), y_true, [[0.6], [0.4]]))
#> Huber: NumPy 0.180000000  Keras 0.18         close: True
# Not from the article: errors of 3 and -0.5 also exercise Huber's linear piece.
print("Huber:", compare(huber, keras.losses.Huber(), y_true, [[3.0], [0.5]]))
#> Huber: NumPy 1.312500000  Keras 1.3125       close: True
