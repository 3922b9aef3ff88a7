import keras
import matplotlib.pyplot as plt
import numpy as np

# Sigmoid output: the predicted probability of the positive class.
p = np.linspace(0.01, 0.99, 197)[:, None]
bce = keras.losses.BinaryCrossentropy(reduction=None)
loss_if_positive = bce(np.ones_like(p), p)
loss_if_negative = bce(np.zeros_like(p), p)

fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(p, loss_if_positive, label=r"$y = 1$: $L = -\log p$")
ax.plot(p, loss_if_negative, label=r"$y = 0$: $L = -\log(1 - p)$")
ax.set_xlabel(r"$p = \sigma(z)$")
ax.set_ylabel(r"$L$")
ax.grid(alpha=0.3)
ax.legend()
plt.show()
