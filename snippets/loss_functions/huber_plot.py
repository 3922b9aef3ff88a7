import keras
import matplotlib.pyplot as plt
import numpy as np

# Error x = y_pred - y_true, one sample per point.
x = np.linspace(-3, 3, 601)[:, None]
zeros = np.zeros_like(x)
smooth_l1 = keras.losses.Huber(delta=1.0, reduction=None)(zeros, x)
l1 = keras.losses.MeanAbsoluteError(reduction=None)(zeros, x)
l2 = keras.losses.MeanSquaredError(reduction=None)(zeros, x)

fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(x, smooth_l1, linewidth=2.5, label=r"smooth L1 (Huber, $\delta = 1$)")
ax.plot(x, l1, linestyle="--", label=r"L1: $|x|$")
ax.plot(x, 0.5 * np.asarray(l2), linestyle=":", label=r"$0.5\,x^2$")
ax.axvspan(-1, 1, alpha=0.08, color="gray")
ax.set_xlabel(r"$x = \hat{y} - y$")
ax.set_ylabel(r"$L$")
ax.set_ylim(0, 3.2)
ax.grid(alpha=0.3)
ax.legend()
plt.show()
