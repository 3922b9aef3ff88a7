import keras
import numpy as np

# The article's predictions for two samples of three classes.
y_pred = np.array([[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]])

# The true classes as one-hot rows, for CategoricalCrossentropy...
one_hot = np.array([[0, 1, 0], [0, 0, 1]])
print(keras.losses.CategoricalCrossentropy()(one_hot, y_pred).numpy())
#> 0.39925388

# ...or as class indices (counting from 0), for SparseCategoricalCrossentropy.
labels = np.array([1, 2])
print(keras.losses.SparseCategoricalCrossentropy()(labels, y_pred).numpy())
#> 0.39925388

# to_categorical turns the indices into the one-hot rows.
print(keras.utils.to_categorical(labels, num_classes=3))
'''
[[0. 1. 0.]
 [0. 0. 1.]]
'''

# Other probabilities: the two losses round differently in the last digits,
# and near 0 or 1 they clip at different steps.
categorical = keras.losses.CategoricalCrossentropy()
sparse = keras.losses.SparseCategoricalCrossentropy()
for row in ([0.05, 0.9, 0.05], [0.0, 1.0, 0.0]):
    probs = np.array([row])  # the true class is 1
    a = categorical(np.array([[0, 1, 0]]), probs).numpy()
    b = sparse(np.array([1]), probs).numpy()
    print(row, a, b)
    #> [0.05, 0.9, 0.05] 0.105360545 0.10536056
    #> [0.0, 1.0, 0.0] 1.1920929e-07 2.3841855e-07

# The last row in float32 NumPy: divide by the row's sum, then clip (like
# CategoricalCrossentropy), or clip, then divide by the clipped row's sum.
eps = np.float32(keras.config.epsilon())
p = np.array([0.0, 1.0, 0.0], dtype="float32")
divided_first = np.clip(p / p.sum(), eps, 1 - eps)
clipped_first = np.clip(p, eps, 1 - eps)
clipped_first = clipped_first / clipped_first.sum()
print(f"{-np.log(divided_first[1]):.3g} {-np.log(clipped_first[1]):.3g}")
#> 1.19e-07 2.38e-07
