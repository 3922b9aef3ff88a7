import keras
import numpy as np

# Four classes, the second one true, label smoothing 0.2. The model gives
# the true class the probability q and splits the rest evenly.
s, classes = 0.2, 4
q = np.arange(250, 1000, dtype="float32")[:, None] / 1000  # 0.250 ... 0.999
others = (1 - q) / (classes - 1)
probs = np.concatenate([others, q, others, others], axis=1)
y_true = np.tile([[0.0, 1.0, 0.0, 0.0]], (len(q), 1))

cce = keras.losses.CategoricalCrossentropy(label_smoothing=s, reduction=None)
loss = cce(y_true, probs).numpy()
best = np.argmin(loss)
print(f"best q {q[best, 0]:.3f}, loss {loss[best]:.4f}")
#> best q 0.850, loss 0.5875
print(f"1 - s + s / classes = {1 - s + s / classes:.3f}")
#> 1 - s + s / classes = 0.850
# A confident model pays more than the best one.
print(f"loss at q = 0.999: {loss[-1]:.4f}")
#> loss at q = 0.999: 1.2018
