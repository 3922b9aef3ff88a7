import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()

# The data of robust_regression.py: 30 points near y = 2x + 1, three outliers
# 8 lower.
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
    model.fit(data, epochs=steps, steps_per_epoch=1, shuffle=False, verbose=0)
    # The gradient of the loss at the end: close to 0 means the line is the
    # minimum of this (convex) loss, not a point on the way to it.
    with tf.GradientTape() as tape:
        value = loss(y, model(x))
    gradient = tape.gradient(value, line.trainable_variables)
    largest = max(float(np.max(np.abs(g))) for g in gradient)
    kernel, bias = line.get_weights()
    return kernel[0, 0], bias[0], largest


deltas = [0.1, 0.3, 1.0, 3.0, 10.0]
fits = []
for delta in deltas:
    slope, intercept, largest = fit_line(keras.losses.Huber(delta=delta))
    fits.append((slope, intercept))
    # How many points end up inside the quadratic zone |error| <= delta?
    inside = np.sum(np.abs(slope * x + intercept - y) <= delta)
    fit = f"w {slope:4.2f}  b {intercept:4.2f}  inside {inside:2}/30"
    print(f"delta {delta:4}  {fit}  largest |gradient| {largest:.1e}")
    #> delta  0.1  w 1.88  b 0.91  inside 10/30  largest |gradient| 4.0e-05
    #> delta  0.3  w 1.89  b 0.92  inside 20/30  largest |gradient| 1.8e-04
    #> delta  1.0  w 1.73  b 0.84  inside 27/30  largest |gradient| 4.4e-04
    #> delta  3.0  w 1.18  b 0.57  inside 27/30  largest |gradient| 1.3e-04
    #> delta 10.0  w 0.36  b 0.16  inside 30/30  largest |gradient| 4.2e-05
fits = np.array(fits)

fig, (ax_fit, ax_delta) = plt.subplots(1, 2, figsize=(9, 3.6))
is_outlier = np.isin(np.arange(len(x)), outliers)
ax_fit.scatter(x[~is_outlier, 0], y[~is_outlier, 0], s=14, color="gray")
ax_fit.scatter(x[is_outlier, 0], y[is_outlier, 0], s=30, marker="x",
               color="black")
# The lines of delta = 0.1 and 0.3 almost coincide: a wide solid line under a
# dashed one, and markers at different x, keep every line visible.
grid = np.linspace(-1, 1, 21)
styles = [
    dict(linestyle="-", linewidth=4.5, marker="o"),
    dict(linestyle="--", linewidth=2, marker="s"),
    dict(linestyle="-.", linewidth=2, marker="^"),
    dict(linestyle=":", linewidth=2.5, marker="D"),
    dict(linestyle="-", linewidth=1.5, marker="v"),
]
for n, delta in enumerate(deltas):
    slope, intercept = fits[n]
    ax_fit.plot(grid, slope * grid + intercept, color=f"C{n}", markersize=5,
                markevery=(n, 5), **styles[n], label=rf"$\delta = {delta:g}$")
ax_fit.set_xticks([-1, -0.5, 0, 0.5, 1])
ax_fit.set_xlabel(r"$x$")
ax_fit.set_ylabel(r"$y$")
ax_fit.legend(fontsize="small", loc="lower left")

# The fitted line is y = w x + b; the data's true line is y = 2x + 1.
ax_delta.plot(deltas, fits[:, 0], marker="o", label=r"$w$")
ax_delta.plot(deltas, fits[:, 1], marker="s", linestyle="--", label=r"$b$")
ax_delta.axhline(2, color="C0", linestyle=":", linewidth=1, label=r"$w = 2$")
ax_delta.axhline(1, color="C1", linestyle=":", linewidth=1, label=r"$b = 1$")
ax_delta.set_xscale("log")
ax_delta.set_xticks(deltas, [f"{delta:g}" for delta in deltas])
ax_delta.set_xlabel(r"$\delta$")
ax_delta.set_ylim(0, 2.2)
ax_delta.legend(fontsize="small", loc="lower left", ncols=2)
for ax in (ax_fit, ax_delta):
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()
