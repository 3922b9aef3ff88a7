import keras
import numpy as np


def mae(y_true, y_pred):
    # L = 1/N sum_n |y_n - y_hat_n|
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    return np.mean(np.abs(y_true - y_pred))


def mse(y_true, y_pred):
    # L = 1/N sum_n (y_n - y_hat_n)^2
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    return np.mean((y_true - y_pred) ** 2)


def huber(y_true, y_pred, delta=1.0):
    # 0.5 x^2 where |x| <= delta, delta (|x| - 0.5 delta) elsewhere; the mean
    x = np.abs(np.asarray(y_pred, float) - np.asarray(y_true, float))
    return np.mean(np.where(x <= delta, 0.5 * x**2, delta * (x - 0.5 * delta)))


def ulps(a, b):
    # How many float32 numbers apart a and b are once rounded to float32
    # (0: the same float32).
    a, b = np.float32(a).view(np.int32), np.float32(b).view(np.int32)
    return abs(int(a) - int(b))


def compare(formula, loss, y_true, y_pred):
    y_true = np.array(y_true, dtype=np.float32)
    # The inputs exactly as Keras stores them.
    y_pred = np.array(y_pred, dtype=np.float32)
    exact = formula(y_true, y_pred)  # float64 arithmetic on those same inputs
    value = loss(y_true, y_pred).numpy()  # Keras: float32 arithmetic
    return f"{np.float32(exact)!s:>7} {value!s:>7} {ulps(exact, value):>4}"


keras_mae = keras.losses.MeanAbsoluteError()
keras_mse = keras.losses.MeanSquaredError()
keras_huber = keras.losses.Huber()

# The article's inputs.
y_true = [[0.0], [1.0]]
print(f"{'':7}{'formula':>7} {'Keras 3':>7} {'ulps':>4}")
#>        formula Keras 3 ulps
print("MAE:  ", compare(mae, keras_mae, y_true, [[1.0], [0.0]]))
#> MAE:       1.0     1.0    0
print("MSE:  ", compare(mse, keras_mse, y_true, [[1.0], [1.0]]))
#> MSE:       0.5     0.5    0
print("Huber:", compare(huber, keras_huber, y_true, [[0.6], [0.4]]))
#> Huber:    0.18    0.18    0
# Not from the article: errors of 3 and -0.5 also exercise Huber's linear piece.
print("Huber:", compare(huber, keras_huber, y_true, [[3.0], [0.5]]))
#> Huber:  1.3125  1.3125    0
