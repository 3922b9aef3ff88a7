import keras
import matplotlib.pyplot as plt
import numpy as np

# One sample of class 1; p is the probability the model gives it.
p = np.linspace(0.01, 0.99, 197, dtype="float32")[:, None]
y_true = np.ones_like(p)
ce = keras.losses.BinaryCrossentropy(reduction=None)(y_true, p).numpy()

fig, (ax_loss, ax_ratio) = plt.subplots(1, 2, figsize=(9, 3.4))
styles = ["-", "--", "-.", ":", "-"]
for gamma, style in zip([0.0, 0.5, 1.0, 2.0, 5.0], styles):
    focal = keras.losses.BinaryFocalCrossentropy(gamma=gamma, reduction=None)
    loss = focal(y_true, p).numpy()
    label = rf"$\gamma = {gamma:g}$"
    ax_loss.plot(p, loss, linestyle=style, linewidth=2, label=label)
    ax_ratio.plot(p, loss / ce, linestyle=style, linewidth=2, label=label)
# Cross-entropy, computed on its own, on every 12th point: it lies on the
# gamma = 0 curve.
every = slice(0, None, 12)
ax_loss.plot(p[every], ce[every], "o", color="black", markersize=3,
             label=r"$-\log p$")
ax_loss.set_ylabel(r"$L$")
ax_loss.set_ylim(0, 4.7)
ax_loss.legend(fontsize="small")
ax_ratio.set_ylabel(r"$L \,/\, (-\log p) = (1 - p)^\gamma$")
ax_ratio.set_yscale("log")
ax_ratio.set_ylim(1e-4, 2)
for ax in (ax_loss, ax_ratio):
    ax.set_xlabel(r"$p$")
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
