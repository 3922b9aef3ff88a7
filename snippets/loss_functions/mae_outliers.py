import itertools

import keras
import numpy as np
import tensorflow as tf

# The outlier data of the training chapter: 30 points near y = 2x + 1,
# three of them (the outliers) 8 lower.
rng = np.random.default_rng(0)
x = np.linspace(-1, 1, 30, dtype="float32")[:, None]
y = (2 * x + 1 + 0.3 * rng.normal(size=x.shape)).astype("float32")
outliers = [22, 25, 28]
y[outliers] -= 8
mae = keras.losses.MeanAbsoluteError(reduction=None)


def l1_fit(y):
    # A line with the smallest MAE can be found among the lines through two
    # of the points: try all 435, and let Keras' MAE pick the best.
    i, j = np.array(list(itertools.combinations(range(len(x)), 2))).T
    slopes = (y[j] - y[i]) / (x[j] - x[i])
    intercepts = y[i] - slopes * x[i]
    predictions = slopes * x.T + intercepts  # one row per line
    best = np.argmin(mae(np.tile(y.T, (len(i), 1)), predictions))
    return slopes[best, 0], intercepts[best, 0]


slope, intercept = l1_fit(y)
print(f"L1 fit: slope {slope:.3f}  intercept {intercept:.3f}")
#> L1 fit: slope 1.885  intercept 0.922
residuals = (slope * x + intercept - y)[:, 0]
least_squares = np.polyval(np.polyfit(x[:, 0], y[:, 0], 1), x[:, 0]) - y[:, 0]
for name, r in [("L1 fit", residuals), ("least squares", least_squares)]:
    # |residual| < 1e-6: zero up to float32 rounding.
    print(f"{name}: residuals that are 0: {np.sum(np.abs(r) < 1e-6)} of 30")
    #> L1 fit: residuals that are 0: 2 of 30
    #> least squares: residuals that are 0: 0 of 30

# The loss is not protected: the 3 outliers make most of the L1 total.
share = np.sum(np.abs(residuals[outliers])) / np.sum(np.abs(residuals))
print(f"outliers' share of the L1 total: {share:.0%}")
#> outliers' share of the L1 total: 81%

# The gradient is protected: each sample's is -1, 0 or +1, however large
# its error.
y_pred = tf.constant(slope * x + intercept)
with tf.GradientTape() as tape:
    tape.watch(y_pred)
    per_sample = mae(y, y_pred)
gradient = tape.gradient(per_sample, y_pred).numpy()[:, 0]
print("gradient of the outliers:", gradient[outliers])
#> gradient of the outliers: [1. 1. 1.]
print("largest |gradient|:", np.max(np.abs(gradient)))
#> largest |gradient|: 1.0

# So is the minimizer: move the outliers ten times as far (80 lower),
# and the L1 fit stays where it is, while the least-squares fit moves.
farther = y.copy()
farther[outliers] -= 72
print(f"{'outliers':10}{'L1 fit: w, b':>16}{'least squares: w, b':>24}")
#> outliers      L1 fit: w, b     least squares: w, b
for name, data in [("8 lower", y), ("80 lower", farther)]:
    w1, b1 = l1_fit(data)
    w2, b2 = np.polyfit(x[:, 0], data[:, 0], 1)
    print(f"{name:10}{w1:8.3f}{b1:8.3f}{w2:12.3f}{b2:12.3f}")
    #> 8 lower      1.885   0.922       0.360       0.164
    #> 80 lower     1.885   0.922     -14.272      -7.036
