import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# Errors x = y_pred - y_true, one sample per row. The grid deliberately contains
# x = 0 exactly.
x = tf.constant(np.arange(-300, 301)[:, None] / 100, dtype="float32")
mae = keras.losses.MeanAbsoluteError(reduction=None)
with tf.GradientTape() as tape:
    tape.watch(x)
    loss = mae(tf.zeros_like(x), x)
# Each sample's loss depends on its own x only: this is dL/dx for every sample.
grad = tape.gradient(loss, x).numpy()[:, 0] + 0.0  # + 0.0 turns -0.0 into 0.0
x = x.numpy()[:, 0]

# What TensorFlow returns at exactly x = 0, inside the jump from -1 to +1.
at_zero = grad[x == 0][0]
print(at_zero)
#> 0.0

fig, (ax_loss, ax_grad) = plt.subplots(1, 2, figsize=(9, 3.4))
ax_loss.plot(x, loss, label=r"$L = |x|$")
ax_loss.set_ylabel(r"$L$")
ax_loss.legend(loc="upper center")

# Draw each side of the jump separately, so no line joins -1 to +1.
left, right = x < 0, x > 0
ax_grad.plot(x[left], grad[left], color="C1",
             label=r"$\partial L/\partial x = \mathrm{sign}(x)$")
ax_grad.plot(x[right], grad[right], color="C1")
# The one-sided limits, and TensorFlow's value at 0.
ax_grad.plot([0, 0], [-1, 1], "o", color="C1", markerfacecolor="white")
ax_grad.plot(0, at_zero, "o", color="black",
             label=rf"$x = 0$: ${at_zero:g}$ (TF)")
ax_grad.set_ylim(-1.6, 1.6)
ax_grad.set_ylabel(r"$\partial L/\partial x$")
ax_grad.legend(loc="lower right")

for ax in (ax_loss, ax_grad):
    ax.set_xlabel(r"$x = \hat{y} - y$")
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
