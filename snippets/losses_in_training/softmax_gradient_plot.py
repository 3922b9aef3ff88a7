import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# Three classes, the first one true. Its logit t varies; the others stay at 1
# and -1.
t = np.linspace(-6, 6, 241, dtype="float32")
z = tf.Variable(np.stack([t, np.ones_like(t), -np.ones_like(t)], axis=1))
y = tf.constant(np.tile([[1.0, 0.0, 0.0]], (len(t), 1)), dtype="float32")
cce = keras.losses.CategoricalCrossentropy(from_logits=True, reduction=None)
with tf.GradientTape() as tape:
    loss = cce(y, z)
# Each sample's loss depends on its own row of logits only: this is dL/dz for
# every sample.
grad = tape.gradient(loss, z).numpy()
difference = (tf.nn.softmax(z) - y).numpy()

fig, (ax_loss, ax_grad) = plt.subplots(1, 2, figsize=(9, 3.4))
ax_loss.plot(t, loss.numpy(), linewidth=2)
ax_loss.set_ylabel(r"$L = -\log \hat{y}_1$")
ax_loss.set_ylim(bottom=0)

for c, style in enumerate(["-", "--", "-."]):
    ax_grad.plot(t, grad[:, c], linestyle=style, linewidth=2,
                 label=rf"$\partial L/\partial z_{c + 1}$")
# softmax(z) - y, computed directly, on every 20th point: it lies on the
# gradient curves.
every = slice(0, None, 20)
for c in range(3):
    ax_grad.plot(t[every], difference[every, c], "o", color="black",
                 markersize=3)
ax_grad.plot([], [], "o", color="black", markersize=3, label=r"$\hat{y} - y$")
ax_grad.axhline(0, color="gray", linewidth=0.8)
ax_grad.set_ylim(-1.1, 1.1)
ax_grad.legend(fontsize="small", loc="lower right")

for ax in (ax_loss, ax_grad):
    # z_1 is the logit of the true class.
    ax.set_xlabel(r"$z_1$  ($z_2 = 1$, $z_3 = -1$)")
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
