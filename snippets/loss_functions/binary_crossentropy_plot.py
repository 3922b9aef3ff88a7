import keras
import matplotlib.pyplot as plt
import numpy as np

# Sigmoid output: the predicted probability of the positive class.
p = np.linspace(0.01, 0.99, 197)[:, None]
bce = keras.losses.BinaryCrossentropy(reduction=None)
loss_if_positive = bce(np.ones_like(p), p)
loss_if_negative = bce(np.zeros_like(p), p)

# The article's examples: a negative and a positive sample, each sample's loss
# from Keras.
article_true = np.array([[0.0], [1.0]])
first, second = np.array([[0.4], [0.6]]), np.array([[0.1], [0.9]])
loss_first = bce(article_true, first).numpy()
loss_second = bce(article_true, second).numpy()

fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(p, loss_if_positive, label=r"$y = 1$: $L = -\log p$")
ax.plot(p, loss_if_negative, label=r"$y = 0$: $L = -\log(1 - p)$")
ax.plot(first[:, 0], loss_first, "o", ms=11, mfc="none", mec="C2", mew=2,
        label=f"y_pred = {first.tolist()}")
ax.plot(second[:, 0], loss_second, "x", color="C3", ms=8, mew=2,
        label=f"y_pred = {second.tolist()}")
marked = zip(
    [*first[:, 0], *second[:, 0]],
    [*loss_first, *loss_second],
    [(-30, 35), (30, 35), (0, 30), (0, 30)],
)
for p_n, loss_n, offset in marked:
    ax.annotate(
        rf"${loss_n:.4f}$",
        (p_n, loss_n),
        xytext=offset,
        textcoords="offset points",
        ha="center",
        arrowprops=dict(arrowstyle="-", color="gray", shrinkB=6),
    )
ax.set_xlabel(r"$p = \sigma(z)$")
ax.set_ylabel(r"$L$")
ax.grid(alpha=0.3)
ax.legend(fontsize="small", loc="upper center",
          title="y_true = [[0], [1]]", title_fontsize="small")
fig.tight_layout()
plt.show()
