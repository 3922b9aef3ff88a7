import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

tf.config.experimental.enable_op_determinism()

# The data and the training of class_weight.py.
rng = np.random.default_rng(0)
labels = np.repeat([0, 1], [180, 20])
centers = np.array([[0.0, 0.0], [2.0, 1.0]])
x = (centers[labels] + rng.normal(size=(200, 2))).astype("float32")
y = labels[:, None].astype("float32")
counts = np.bincount(labels)
balanced = {c: len(labels) / (2 * counts[c]) for c in (0, 1)}
data = tf.data.Dataset.from_tensors((x, y)).repeat()


def boundary(class_weight):
    keras.utils.set_random_seed(0)
    logit = keras.layers.Dense(1, kernel_initializer="zeros")
    model = keras.Sequential([keras.Input(shape=(2,)), logit])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1),
                  loss=keras.losses.BinaryCrossentropy(from_logits=True))
    model.fit(data, epochs=1, steps_per_epoch=200, shuffle=False, verbose=0,
              class_weight=class_weight)
    (w1, w2), b = logit.kernel.numpy()[:, 0], logit.bias.numpy()[0]
    # The boundary: the points where the logit w1 x1 + w2 x2 + b is 0.
    return lambda x1: -(w1 * x1 + b) / w2


fig, ax = plt.subplots(figsize=(5.5, 4.2))
ax.scatter(x[labels == 0, 0], x[labels == 0, 1], s=12, color="gray",
           label=r"$y = 0$")
ax.scatter(x[labels == 1, 0], x[labels == 1, 1], s=40, marker="x",
           color="black", label=r"$y = 1$")
x1 = np.linspace(-3, 5, 2)
# alpha_0, alpha_1: the class weights (none: both 1).
ax.plot(x1, boundary(None)(x1), linewidth=2,
        label=r"$\alpha_0 = \alpha_1 = 1$")
ax.plot(x1, boundary(balanced)(x1), linewidth=2, linestyle="--",
        label=rf"$\alpha_0 = {balanced[0]:.3f},\ \alpha_1 = {balanced[1]:.1f}$")
ax.set_xlim(-3, 5)
ax.set_ylim(-3, 5.5)
ax.set_xlabel(r"$x_1$")
ax.set_ylabel(r"$x_2$")
ax.legend(fontsize="small", loc="upper right")
ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
