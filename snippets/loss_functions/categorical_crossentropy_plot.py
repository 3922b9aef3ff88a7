import keras
import matplotlib.pyplot as plt
import numpy as np

# Probability that the model gives to the true class.
p = np.linspace(0.01, 1.0, 200)
# Two classes, the second one is true: the loss only sees p.
y_true = np.tile([0.0, 1.0], (len(p), 1))
y_pred = np.stack([1 - p, p], axis=1)
per_sample = keras.losses.CategoricalCrossentropy(reduction=None)
loss = per_sample(y_true, y_pred)

# The article's examples: each sample's p and its loss, as Keras computes them.
article_true = np.array([[0, 1, 0], [0, 0, 1]])
first = np.array([[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]])
second = np.array([[0.05, 0.9, 0.05], [0.05, 0.05, 0.9]])
p_first, p_second = (np.sum(article_true * y, axis=1) for y in (first, second))
loss_first = per_sample(article_true, first).numpy()
loss_second = per_sample(article_true, second).numpy()

fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(p, loss, label=r"$L = -\log p$")
# The second sample moves from p = 0.5 to p = 0.9: highlight that stretch.
stretch = np.linspace(p_first[1], p_second[1], 50)
stretch_loss = per_sample(
    np.tile([0.0, 1.0], (50, 1)), np.stack([1 - stretch, stretch], 1)
)
ax.plot(stretch, stretch_loss, color="C3", lw=4, alpha=0.5,
        solid_capstyle="round")
ax.annotate(
    "",
    (stretch[-1], stretch_loss[-1]),
    xytext=(stretch[-8], stretch_loss[-8]),
    arrowprops=dict(arrowstyle="-|>", color="C3", lw=2, shrinkA=0, shrinkB=6),
)
# Hollow circles (first example) around crosses (second example): where both
# examples have a sample at p = 0.9, both markers stay visible.
ax.plot(p_first, loss_first, "o", ms=13, mfc="none", mec="C1", mew=2,
        label=f"y_pred = {first.tolist()}")
ax.plot(p_second, loss_second, "x", color="C3", ms=8, mew=2,
        label=f"y_pred = {second.tolist()}")
for p_n, loss_n, offset in zip(p_first, loss_first, [(-10, 45), (-35, 40)]):
    ax.annotate(
        rf"$-\log {p_n:g} = {loss_n:.4f}$",
        (p_n, loss_n),
        xytext=offset,
        textcoords="offset points",
        ha="center",
        arrowprops=dict(arrowstyle="-", color="gray", shrinkB=7),
    )
ax.set_xlabel(r"$p$")
ax.set_ylabel(r"$L$")
ax.set_ylim(0, 4.8)
ax.grid(alpha=0.3)
ax.legend(fontsize="small")
fig.tight_layout()
plt.show()
