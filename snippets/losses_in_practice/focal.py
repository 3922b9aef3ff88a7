import keras
import numpy as np


def row(name, values):
    return f"{name:15}" + " ".join(f"{v:7.4f}" for v in np.ravel(values))


# Five samples of class 1, from hard (the model gives the true class
# p = 0.1) to easy (p = 0.95).
p = np.array([[0.1], [0.3], [0.5], [0.7], [0.95]], dtype="float32")
y_true = np.ones_like(p)
ce = keras.losses.BinaryCrossentropy(reduction=None)
focal = keras.losses.BinaryFocalCrossentropy(gamma=2.0, reduction=None)
print(row("p", p))
#> p               0.1000  0.3000  0.5000  0.7000  0.9500
print(row("cross-entropy", ce(y_true, p)))
#> cross-entropy   2.3026  1.2040  0.6931  0.3567  0.0513
print(row("focal", focal(y_true, p)))
#> focal           1.8651  0.5899  0.1733  0.0321  0.0001
# By hand: focal loss is cross-entropy times (1 - p)^gamma.
print(row("(1 - p)^2", (1 - p) ** 2))
#> (1 - p)^2       0.8100  0.4900  0.2500  0.0900  0.0025
print(row("by hand", -((1 - p) ** 2) * np.log(p)))
#> by hand         1.8651  0.5899  0.1733  0.0321  0.0001
# For class 0, p is the probability of class 0, 1 - y_pred: same losses.
y_zero = np.zeros_like(p)
print(row("class 0", focal(y_zero, 1 - p)))
#> class 0         1.8651  0.5899  0.1733  0.0321  0.0001

# gamma = 0: BinaryFocalCrossentropy is BinaryCrossentropy.
focal_0 = keras.losses.BinaryFocalCrossentropy(gamma=0.0, reduction=None)
print(np.array_equal(focal_0(y_true, p).numpy(), ce(y_true, p).numpy()))
#> True
# Its alpha (default 0.25) counts only with apply_class_balancing=True:
# then class 1 is weighted by alpha, class 0 by 1 - alpha.
balanced = keras.losses.BinaryFocalCrossentropy(
    gamma=0.0, apply_class_balancing=True, reduction=None)
print(row("class 1 weight", balanced(y_true, p) / ce(y_true, p)))
#> class 1 weight  0.2500  0.2500  0.2500  0.2500  0.2500
print(row("class 0 weight", balanced(y_zero, 1 - p) / ce(y_zero, 1 - p)))
#> class 0 weight  0.7500  0.7500  0.7500  0.7500  0.7500

# CategoricalFocalCrossentropy also multiplies by alpha (default 0.25), so
# with gamma = 0 it equals cross-entropy only when alpha = 1.
y_onehot = np.array([[0.0, 1.0, 0.0]])
probs = np.array([[0.2, 0.7, 0.1]], dtype="float32")
cce = keras.losses.CategoricalCrossentropy()
print(f"cross-entropy {cce(y_onehot, probs).numpy():.6f}")
#> cross-entropy 0.356675
default = keras.losses.CategoricalFocalCrossentropy(gamma=0.0)
print(f"default alpha: {default(y_onehot, probs).numpy():.6f}")
#> default alpha: 0.089169
alpha_1 = keras.losses.CategoricalFocalCrossentropy(gamma=0.0, alpha=1.0)
print(f"alpha=1.0: {alpha_1(y_onehot, probs).numpy():.6f}")
#> alpha=1.0: 0.356675
