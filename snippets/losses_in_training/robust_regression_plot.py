import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()

# The data and the training of robust_regression.py.
rng = np.random.default_rng(0)
x = np.linspace(-1, 1, 30, dtype="float32")[:, None]
y = (2 * x + 1 + 0.3 * rng.normal(size=x.shape)).astype("float32")
outliers = [22, 25, 28]
y[outliers] -= 8
data = tf.data.Dataset.from_tensors((x, y)).repeat()


def fit_line(loss, steps=150):
    # y = w x + b, from w = b = 0
    line = keras.layers.Dense(1, kernel_initializer="zeros")
    model = keras.Sequential([keras.Input(shape=(1,)), line])
    schedule = keras.optimizers.schedules.CosineDecay(0.1, decay_steps=steps)
    model.compile(optimizer=keras.optimizers.Adam(schedule), loss=loss)
    history = model.fit(data, epochs=steps, steps_per_epoch=1, shuffle=False,
                        verbose=0)
    kernel, bias = line.get_weights()
    return kernel[0, 0], bias[0], history.history["loss"]


losses = {
    "MSE": keras.losses.MeanSquaredError(),
    "MAE": keras.losses.MeanAbsoluteError(),
    r"Huber ($\delta = 1$)": keras.losses.Huber(delta=1.0),
}

fig, (ax_fit, ax_loss) = plt.subplots(1, 2, figsize=(9, 3.6))
is_outlier = np.isin(np.arange(len(x)), outliers)
# Legends in math: the points (x_i, y_i), the outliers moved 8 lower.
ax_fit.scatter(x[~is_outlier, 0], y[~is_outlier, 0], s=14, color="gray",
               label=r"$(x_i, y_i)$")
ax_fit.scatter(x[is_outlier, 0], y[is_outlier, 0], s=30, marker="x",
               color="black", label=r"$(x_i, y_i - 8)$")
grid = np.array([-1.0, 1.0])
ax_fit.plot(grid, 2 * grid + 1, color="gray", linestyle=":",
            label=r"$y = 2x + 1$")
for (name, loss), style in zip(losses.items(), ["-", "--", "-."]):
    slope, intercept, history = fit_line(loss)
    ax_fit.plot(grid, slope * grid + intercept, linestyle=style, linewidth=2,
                label=name)
    epochs = np.arange(1, len(history) + 1)
    ax_loss.plot(epochs, history, linestyle=style, linewidth=2, label=name)
ax_fit.set_xticks([-1, -0.5, 0, 0.5, 1])
ax_fit.set_xlabel(r"$x$")
ax_fit.set_ylabel(r"$y$")
ax_fit.legend(fontsize="small", loc="lower left")
# L_t: the loss the history records for epoch t. Each epoch is one step, and
# the loss is computed before that step's update: L_1 is the loss at w = b = 0.
ax_loss.set_ylim(bottom=0)
ax_loss.set_xlabel(r"$t$")
ax_loss.set_ylabel(r"$L_t$")
ax_loss.legend(fontsize="small")
for ax in (ax_fit, ax_loss):
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
