import inspect

import keras
import numpy as np

# A binary task: two samples with labels 1 and 0, and the probabilities of
# class 1 that a model gives them.
y_true = np.array([[1.0], [0.0]])
p = np.array([[0.9], [0.2]])
s = 0.1  # the amount of smoothing

bce = keras.losses.BinaryCrossentropy(label_smoothing=s)
print(f"{bce(y_true, p).numpy():.6f}")
#> 0.253840

# By hand: each label moves towards 0.5, to y * (1 - s) + 0.5 * s ...
target = y_true * (1 - s) + 0.5 * s
print(target.ravel())
#> [0.95 0.05]
# ... and the cross-entropy compares p with these soft labels.
by_hand = -np.mean(target * np.log(p) + (1 - target) * np.log(1 - p))
print(f"{by_hand:.6f}")
#> 0.253840

# Three classes: the one-hot label becomes y * (1 - s) + s / 3.
y_onehot = np.array([[0.0, 1.0, 0.0]])
probs = np.array([[0.2, 0.7, 0.1]])
cce = keras.losses.CategoricalCrossentropy(label_smoothing=s)
print(f"{cce(y_onehot, probs).numpy():.6f}")
#> 0.463297
target = y_onehot * (1 - s) + s / 3
print(target.round(4))
#> [[0.0333 0.9333 0.0333]]
print(f"{-np.sum(target * np.log(probs)):.6f}")
#> 0.463297

# The binary rule is the categorical one with two classes: the same loss
# for p and for the pair of probabilities (1 - p, p).
two_classes = np.concatenate([1 - y_true, y_true], axis=1)
pairs = np.concatenate([1 - p, p], axis=1)
cce2 = keras.losses.CategoricalCrossentropy(label_smoothing=s)
print(f"{cce2(two_classes, pairs).numpy():.6f}")
#> 0.253840

# The loss for integer labels has no label_smoothing argument.
for loss in [keras.losses.CategoricalCrossentropy,
             keras.losses.SparseCategoricalCrossentropy]:
    parameters = inspect.signature(loss).parameters
    print(loss.__name__, "label_smoothing" in parameters)
    #> CategoricalCrossentropy True
    #> SparseCategoricalCrossentropy False
