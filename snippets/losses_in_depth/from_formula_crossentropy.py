import keras
import numpy as np


def categorical_crossentropy(y_true, y_pred):
    # L = -1/N sum_n sum_c y_nc log(y_hat_nc), computed in float64
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    return np.mean(-np.sum(y_true * np.log(y_pred), axis=-1))


def binary_crossentropy(y_true, y_pred):
    # L = -1/N sum_n [y_n log(y_hat_n) + (1 - y_n) log(1 - y_hat_n)],
    # computed in float64
    y_true, y_pred = np.asarray(y_true, float), np.asarray(y_pred, float)
    log_p, log_1_minus_p = np.log(y_pred), np.log(1 - y_pred)
    return np.mean(-(y_true * log_p + (1 - y_true) * log_1_minus_p))


def ulps(a, b):
    # How many float32 numbers apart a and b are once rounded to float32
    # (0: the same float32).
    a, b = np.float32(a).view(np.int32), np.float32(b).view(np.int32)
    return abs(int(a) - int(b))


def compare(formula, loss, y_true, y_pred, article):
    y_true = np.array(y_true, dtype=np.float32)
    # The inputs exactly as Keras stores them.
    y_pred = np.array(y_pred, dtype=np.float32)
    exact = formula(y_true, y_pred)  # float64 arithmetic on those same inputs
    value = loss(y_true, y_pred).numpy()  # Keras: float32 arithmetic
    return (
        f"{np.float32(exact)!s:>11} {value!s:>11} {ulps(exact, value):>4}"
        f"  {article:>11} {ulps(exact, article):>4}"
    )


# The article's inputs, two examples for each loss, and what the article
# printed for them.
cce = keras.losses.CategoricalCrossentropy()
bce = keras.losses.BinaryCrossentropy()
labels = [[0, 1, 0], [0, 0, 1]]
first = [[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]]
second = [[0.05, 0.9, 0.05], [0.05, 0.05, 0.9]]
header = f"{'formula':>11} {'Keras 3':>11} {'ulps':>4}  {'article':>11}"
print(f"{'':6}{header} {'ulps':>4}")
#>           formula     Keras 3 ulps      article ulps
cce_formula, bce_formula = categorical_crossentropy, binary_crossentropy
print("CCE 1:", compare(cce_formula, cce, labels, first, "0.39925388"))
#> CCE 1:  0.39925388  0.39925388    0   0.39925388    0
print("CCE 2:", compare(cce_formula, cce, labels, second, "0.105360545"))
#> CCE 2: 0.105360545 0.105360545    0  0.105360545    0
y_true = [[0], [1]]
print("BCE 1:", compare(bce_formula, bce, y_true, [[0.4], [0.6]], "0.5108254"))
#> BCE 1:  0.51082563   0.5108256    1    0.5108254    4
print("BCE 2:", compare(bce_formula, bce, y_true, [[0.1], [0.9]], "0.10536041"))
#> BCE 2:  0.10536053 0.105360545    2   0.10536041   16
# The dtype both losses compute in.
print(cce.dtype, bce.dtype)
#> float32 float32

# Why "the inputs as Keras stores them": 0.9 has no exact float32 form, and the
# small difference it makes shows in the 8th digit of -log(0.9).
print(float(np.float32(0.9)))
#> 0.8999999761581421
print(f"{-np.log(0.9):.9f} {-np.log(float(np.float32(0.9))):.9f}")
#> 0.105360516 0.105360542

# The second examples: Keras gives CCE 2 and BCE 2 the same value, but the
# formula does not. BCE's first sample uses 1 - 0.1, and 1 minus the stored
# 0.1, computed exactly (float64), is not the stored 0.9...
p = np.float32(0.1)
print(float(1 - np.float64(p)), float(np.float32(0.9)))
#> 0.8999999985098839 0.8999999761581421
# ...while in float32 arithmetic it rounds to that very number.
print(1 - p == np.float32(0.9))
#> True
