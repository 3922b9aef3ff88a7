import keras
import numpy as np

# The logits of a binary model for eight samples, and their labels.
z = np.array([[-2.0], [-0.6], [0.2], [0.4], [-0.3], [1.5], [0.3], [2.5]])
y = np.array([[0], [0], [1], [1], [1], [1], [0], [1]])
p = keras.ops.sigmoid(z).numpy()  # the probabilities of class 1


def result(metric, y_true, y_pred):
    metric.update_state(y_true, y_pred)
    return f"{float(metric.result()):.4f}"


# Accuracy: BinaryAccuracy predicts class 1 when its input is above its
# threshold, 0.5 by default. On probabilities that is right; on logits it
# is p > sigmoid(0.5), not p > 0.5.
print(f"sigmoid(0.5) = {float(keras.ops.sigmoid(0.5)):.4f}")
#> sigmoid(0.5) = 0.6225
print("default, on logits:  ", result(keras.metrics.BinaryAccuracy(), y, z))
#> default, on logits:   0.6250
at_zero = keras.metrics.BinaryAccuracy(threshold=0.0)
print("threshold=0, logits: ", result(at_zero, y, z))
#> threshold=0, logits:  0.7500
print("default, on sigmoid: ", result(keras.metrics.BinaryAccuracy(), y, p))
#> default, on sigmoid:  0.7500
print("predicted, z > 0.5:", (z > 0.5).ravel().astype(int))
#> predicted, z > 0.5: [0 0 0 0 0 1 0 1]
print("predicted, z > 0:  ", (z > 0).ravel().astype(int))
#> predicted, z > 0:   [0 0 1 1 0 1 1 1]
print("labels:            ", y.ravel())
#> labels:             [0 0 1 1 1 1 0 1]

# AUC: its thresholds lie between 0 and 1, so on logits every value below 0
# looks like 0 and every value above 1 like 1.
print("AUC, on logits:      ", result(keras.metrics.AUC(), y, z))
#> AUC, on logits:       0.8000
print("AUC, on clipped z:   ", result(keras.metrics.AUC(), y, z.clip(0, 1)))
#> AUC, on clipped z:    0.8000
from_logits = keras.metrics.AUC(from_logits=True)
print("AUC(from_logits=True)", result(from_logits, y, z))
#> AUC(from_logits=True) 0.8667
# The AUC is the share of (class 1, class 0) pairs ranked the right way
# round: the class 1 sample has the higher logit.
pairs = z[y == 1][:, None] > z[y == 0][None, :]
print(f"pairs ranked right: {pairs.sum()} of {pairs.size} = {pairs.mean():.4f}")
#> pairs ranked right: 13 of 15 = 0.8667
