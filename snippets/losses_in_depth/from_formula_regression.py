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


def ulps(a, b):
    # How many float32 numbers apart a and b are once rounded to float32 (0: the same float32).
    return abs(int(np.float32(a).view(np.int32)) - int(np.float32(b).view(np.int32)))


def compare(formula, loss, y_true, y_pred):
    y_true = np.array(y_true, dtype=np.float32)
    y_pred = np.array(y_pred, dtype=np.float32)  # the inputs exactly as Keras stores them
    exact = formula(y_true, y_pred)  # float64 arithmetic on those same inputs
    value = loss(y_true, y_pred).numpy()  # Keras: float32 arithmetic
    return f"{np.float32(exact)!s:>7} {value!s:>7} {ulps(exact, value):>4}"


# The article's inputs.
y_true = [[0.0], [1.0]]
print(f"{'':7}{'formula':>7} {'Keras 3':>7} {'ulps':>4}")
#>        formula Keras 3 ulps
print("MAE:  ", compare(mae, keras.losses.MeanAbsoluteError(), y_true, [[1.0], [0.0]]))
#> MAE:       1.0     1.0    0
print("MSE:  ", compare(mse, keras.losses.MeanSquaredError(), y_true, [[1.0], [1.0]]))
#> MSE:       0.5     0.5    0
print("Huber:", compare(huber, keras.losses.Huber(), y_true, [[0.6], [0.4]]))
#> Huber:    0.18    0.18    0
# Not from the article: errors of 3 and -0.5 also exercise Huber's linear piece.
print("Huber:", compare(huber, keras.losses.Huber(), y_true, [[3.0], [0.5]]))
#> Huber:  1.3125  1.3125    0
