import keras
import matplotlib.pyplot as plt
import numpy as np

# Error x = y_pred - y_true, one sample per point.
x = np.linspace(-3, 3, 601)[:, None]
loss = keras.losses.MeanAbsoluteError(reduction=None)(np.zeros_like(x), x)

fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(x, loss, label=r"L1: $|x|$")
ax.set_xlabel(r"$x = \hat{y} - y$")
ax.set_ylabel(r"$L$")
ax.grid(alpha=0.3)
ax.legend()
plt.show()
