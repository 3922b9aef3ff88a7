import itertools

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()

# 30 points near the line y = 2x + 1; three of them (the outliers) are 8 lower.
rng = np.random.default_rng(0)
x = np.linspace(-1, 1, 30, dtype="float32")[:, None]
y = (2 * x + 1 + 0.3 * rng.normal(size=x.shape)).astype("float32")
outliers = [22, 25, 28]
y[outliers] -= 8

# The whole data set is one batch, served again and again:
# each epoch is one step.
data = tf.data.Dataset.from_tensors((x, y)).repeat()


def fit_line(loss, steps=150):
    # y = w x + b, from w = b = 0.
    line = keras.layers.Dense(1, kernel_initializer="zeros")
    model = keras.Sequential([keras.Input(shape=(1,)), line])
    # Adam, with a step size that shrinks from 0.1 to 0 along a cosine.
    schedule = keras.optimizers.schedules.CosineDecay(0.1, decay_steps=steps)
    model.compile(optimizer=keras.optimizers.Adam(schedule), loss=loss)
    # The loss of the initial weights w = b = 0, before any step.
    initial = model.evaluate(x, y, verbose=0)
    history = model.fit(
        data, epochs=steps, steps_per_epoch=1, shuffle=False, verbose=0
    )
    kernel, bias = line.get_weights()
    # The loss of the trained line.
    final = model.evaluate(x, y, verbose=0)
    return kernel[0, 0], bias[0], initial, history.history["loss"], final


losses = {
    "MSE": keras.losses.MeanSquaredError(),
    "MAE": keras.losses.MeanAbsoluteError(),
    "Huber": keras.losses.Huber(delta=1.0),
}
initial_losses, final_losses, slopes = [], {}, {}
for name, loss in losses.items():
    slope, intercept, initial, history, final = fit_line(loss)
    slopes[name] = slope
    initial_losses.append(f"{name} {initial:.3f}")
    final_losses[name] = final
    # The history's first and last entries (one entry per epoch).
    fitted = f"slope {slope:4.2f}  intercept {intercept:4.2f}"
    print(f"{name:5} {fitted}  loss {history[0]:.3f} -> {history[-1]:.3f}")
    #> MSE   slope 0.36  intercept 0.16  loss 5.039 -> 4.967
    #> MAE   slope 1.86  intercept 0.91  loss 1.564 -> 0.977
    #> Huber slope 1.73  intercept 0.84  loss 1.165 -> 0.770
# history[0] is the loss before the first step: that of w = b = 0.
print("evaluate() at w = b = 0:", ", ".join(initial_losses))
#> evaluate() at w = b = 0: MSE 5.039, MAE 1.564, Huber 1.165

# For comparison: exact least squares, with and without the outliers.
slope, intercept = np.polyfit(x[:, 0], y[:, 0], 1)
fitted = f"slope {slope:4.2f}  intercept {intercept:4.2f}"
print(f"least squares, all points:       {fitted}")
#> least squares, all points:       slope 0.36  intercept 0.16
# The smallest MSE any line can reach: that of the least-squares line.
mse = keras.losses.MeanSquaredError()
print(f"its MSE: {float(mse(y, slope * x + intercept)):.5f}")
#> its MSE: 4.96662
inliers = np.setdiff1d(np.arange(len(x)), outliers)
slope, intercept = np.polyfit(x[inliers, 0], y[inliers, 0], 1)
fitted = f"slope {slope:4.2f}  intercept {intercept:4.2f}"
print(f"least squares, without outliers: {fitted}")
#> least squares, without outliers: slope 2.00  intercept 0.97
# How far the MAE and Huber slopes lie below that slope, in percent.
for name in ["MAE", "Huber"]:
    print(f"{name} slope: {(slope - slopes[name]) / slope:.0%} below")
    #> MAE slope: 7% below
    #> Huber slope: 14% below

# The exact L1 fit: a line with the smallest MAE passes through two of the
# points, so try all 435 pairs and keep the line with the smallest MAE.
mae = keras.losses.MeanAbsoluteError()
best = None
for i, j in itertools.combinations(range(len(x)), 2):
    w = (y[j, 0] - y[i, 0]) / (x[j, 0] - x[i, 0])
    b = y[i, 0] - w * x[i, 0]
    value = float(mae(y, w * x + b))
    if best is None or value < best[0]:
        best = (value, w, b)
value, w, b = best
print(f"exact L1 fit: slope {w:.3f}  intercept {b:.3f}  MAE {value:.4f}")
#> exact L1 fit: slope 1.885  intercept 0.922  MAE 0.9773
# The MAE line trained with Adam above: another line, almost the same MAE.
trained = final_losses["MAE"]
print(f"trained MAE line:                         MAE {trained:.4f}")
#> trained MAE line:                         MAE 0.9774
