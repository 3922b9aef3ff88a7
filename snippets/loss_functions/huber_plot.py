import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# Errors x = y_pred - y_true, one sample per row.
x = tf.constant(np.arange(-300, 301)[:, None] / 100, dtype="float32")
losses = {
    "smooth_l1": keras.losses.Huber(delta=1.0, reduction=None),
    "l1": keras.losses.MeanAbsoluteError(reduction=None),
    "l2": keras.losses.MeanSquaredError(reduction=None),
}
loss, grad = {}, {}
for name, loss_fn in losses.items():
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss[name] = loss_fn(tf.zeros_like(x), x)
        if name == "l2":
            # Compare with 0.5 x^2, the quadratic piece.
            loss[name] = 0.5 * loss[name]
    # Each sample's loss depends on its own x only: this is dL/dx for each one.
    grad[name] = tape.gradient(loss[name], x).numpy()[:, 0]
x = x.numpy()[:, 0]

fig, (ax_loss, ax_grad) = plt.subplots(1, 2, figsize=(9, 3.4))
styles = {
    "smooth_l1": dict(linewidth=2.5),
    "l1": dict(linestyle="--"),
    "l2": dict(linestyle=":"),
}
huber = r"Huber ($\delta = 1$)"  # smooth L1
ax_loss.plot(x, loss["smooth_l1"], **styles["smooth_l1"], label=huber)
ax_loss.plot(x, loss["l1"], **styles["l1"], label=r"L1: $|x|$")
ax_loss.plot(x, loss["l2"], **styles["l2"], label=r"$0.5\,x^2$")
ax_loss.set_ylim(0, 3.2)
ax_loss.set_ylabel(r"$L$")

# L1's gradient is drawn on each side of 0 separately: no line joins -1 to +1.
left, right = x < 0, x > 0
ax_grad.plot(x, grad["smooth_l1"], **styles["smooth_l1"], label=huber)
ax_grad.plot(x[left], grad["l1"][left], color="C1", **styles["l1"], label="L1")
ax_grad.plot(x[right], grad["l1"][right], color="C1", **styles["l1"])
ax_grad.plot(x, grad["l2"], color="C2", **styles["l2"], label=r"$0.5\,x^2$")
ax_grad.set_ylim(-3.2, 3.2)
ax_grad.set_ylabel(r"$\partial L/\partial x$")

for ax in (ax_loss, ax_grad):
    # A vertical band: the errors where smooth L1 is quadratic.
    ax.axvspan(-1, 1, alpha=0.1, color="gray", label=r"$|x| \leq \delta$")
    ax.set_xlabel(r"$x = \hat{y} - y$")
    ax.grid(alpha=0.3)
ax_loss.legend(loc="upper center", fontsize="small")
ax_grad.legend(loc="upper left", fontsize="small")
fig.tight_layout()
plt.show()
