import keras
import numpy as np

eps = keras.config.epsilon()
print(eps)
#> 1e-07

# One sample, three classes, the second one true;
# p is the probability given to it.
cce = keras.losses.CategoricalCrossentropy(reduction=None)
print(f"{'p':>7} {'-log p':>12} {'-log clip(p)':>13} {'Keras':>12}")
#>       p       -log p  -log clip(p)        Keras
for p in [0.9, 1e-5, 1e-9, 0.0, 1.0]:
    y_pred = np.array([[(1 - p) / 2, p, (1 - p) / 2]])
    with np.errstate(divide="ignore"):  # log(0) is -inf; no warning
        exact = -np.log(p) + 0.0  # + 0.0 turns -0.0 into 0.0
    clipped = -np.log(np.clip(p, eps, 1 - eps))
    value = cce(np.array([[0, 1, 0]]), y_pred).numpy()[0]
    print(f"{p:7g} {exact:12.6g} {clipped:13.6g} {value:12.6g}")
    #>     0.9     0.105361      0.105361     0.105361
    #>   1e-05      11.5129       11.5129      11.5129
    #>   1e-09      20.7233       16.1181      16.1181
    #>       0          inf       16.1181      16.1181
    #>       1            0         1e-07  1.19209e-07

# The last row: Python computes 1 - eps = 0.9999999, and float32 stores it as
# 1 - 2**-23, which is not the float32 just below 1 (that one is
# 1 - 2**-24 = 0.99999994).
# NumPy's short digits hide the difference; 8 decimals show it, and float()
# shows the stored value.
one_minus_eps = np.float32(1 - eps)
print(one_minus_eps, f"{one_minus_eps:.8f}", float(one_minus_eps))
#> 0.9999999 0.99999988 0.9999998807907104
print(np.float32(1 - eps) == 1 - 2**-23)
#> True
print(1 - np.float32(1 - eps))
#> 1.1920929e-07
print(np.nextafter(np.float32(1), np.float32(0)))
#> 0.99999994

# BinaryCrossentropy clips p the same way; for a label 0 its log(1 - p) term
# then sees 1 - (1 - 2**-23) = 2**-23, so the cap there is -log(2**-23),
# not -log(eps).
bce = keras.losses.BinaryCrossentropy()
print(bce(np.array([[1.0]]), np.array([[0.0]])).numpy())
#> 16.118095
print(bce(np.array([[0.0]]), np.array([[1.0]])).numpy(), -np.log(2.0**-23))
#> 15.942385 15.942385152878742
