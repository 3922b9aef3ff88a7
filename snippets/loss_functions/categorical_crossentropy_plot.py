import keras
import matplotlib.pyplot as plt
import numpy as np

# Probability that the model gives to the true class.
p = np.linspace(0.01, 1.0, 200)
# Two classes, the second one is true: the loss only sees p.
y_true = np.tile([0.0, 1.0], (len(p), 1))
y_pred = np.stack([1 - p, p], axis=1)
loss = keras.losses.CategoricalCrossentropy(reduction=None)(y_true, y_pred)

fig, ax = plt.subplots(figsize=(6, 3.6))
ax.plot(p, loss, label=r"$L = -\log p$")
ax.set_xlabel(r"$p$")
ax.set_ylabel(r"$L$")
ax.grid(alpha=0.3)
ax.legend()
plt.show()
