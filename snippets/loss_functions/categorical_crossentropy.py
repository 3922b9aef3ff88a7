import keras
import numpy as np

# Two samples, three classes; the labels are one-hot.
y_true = [[0, 1, 0], [0, 0, 1]]
# Softmax outputs: every row sums to 1.
y_pred = [[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]]

cce = keras.losses.CategoricalCrossentropy()
print(cce(y_true, y_pred).numpy())
#> 0.39925388

# The loss of each sample before averaging: -log(0.9) and -log(0.5).
per_sample = keras.losses.CategoricalCrossentropy(reduction=None)
print(per_sample(y_true, y_pred).numpy())
#> [0.10536055 0.6931472 ]

# Make the second prediction confident and correct as well.
y_pred_better = [[0.05, 0.9, 0.05], [0.05, 0.05, 0.9]]
print(cce(y_true, y_pred_better).numpy())
#> 0.105360545

# Only the true class counts: split the wrong classes' 0.5 differently.
y_pred_reshuffled = [[0.05, 0.9, 0.05], [0.1, 0.4, 0.5]]
print(cce(y_true, y_pred_reshuffled).numpy())
#> 0.39925388

# A perfect prediction, p = 1: the loss is tiny but not 0. It is -log(p)
# with p clipped to 1 - epsilon, computed in float32.
perfect = cce([[0, 1, 0]], [[0.0, 1.0, 0.0]]).numpy()
clipped = -np.log(np.float32(1 - keras.config.epsilon()))
print(f"{perfect:.6e}  {clipped:.6e}")
#> 1.192093e-07  1.192093e-07

# A confident wrong answer: the true class gets p = 1e-3, 1e-8, then 0.
# -log(p) would grow without bound; Keras clips p to epsilon first, so
# its loss stops at -log(epsilon).
y_wrong = [[1 - p, p, 0.0] for p in [1e-3, 1e-8, 0.0]]
print(per_sample([[0, 1, 0]] * 3, y_wrong).numpy())
#> [ 6.9077554 16.118095  16.118095 ]
print(-np.log(np.float32(keras.config.epsilon())))
#> 16.118095
