import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# Errors x = y_pred - y_true, one sample per row.
x = tf.constant(np.arange(-300, 301)[:, None] / 100, dtype="float32")
mse = keras.losses.MeanSquaredError(reduction=None)
with tf.GradientTape() as tape:
    tape.watch(x)
    loss = mse(tf.zeros_like(x), x)
# Each sample's loss depends on its own x only: this is dL/dx for every sample.
grad = tape.gradient(loss, x).numpy()[:, 0]
x = x.numpy()[:, 0]

fig, (ax_loss, ax_grad) = plt.subplots(1, 2, figsize=(9, 3.4))
ax_loss.plot(x, loss, label=r"$L = x^2$")
ax_loss.set_ylabel(r"$L$")
ax_loss.legend(loc="upper center")

ax_grad.plot(x, grad, color="C1", label=r"$\partial L/\partial x = 2x$")
# A horizontal band, grey and hatched: the values that L1's gradient takes.
# Two patches, because matplotlib draws a patch's hatch with its fill's alpha.
band = ax_grad.axhspan(-1, 1, color="gray", alpha=0.15, linewidth=0)
hatch = ax_grad.axhspan(-1, 1, facecolor="none", edgecolor="gray", hatch="//",
                        linewidth=0)
ax_grad.set_ylabel(r"$\partial L/\partial x$")
handles, labels = ax_grad.get_legend_handles_labels()
handles.append((band, hatch))
labels.append(r"L1: $\partial |x|/\partial x \in [-1, 1]$")
ax_grad.legend(handles, labels, loc="upper left")

for ax in (ax_loss, ax_grad):
    ax.set_xlabel(r"$x = \hat{y} - y$")
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
