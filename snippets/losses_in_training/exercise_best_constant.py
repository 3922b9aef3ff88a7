import keras
import numpy as np

# Six targets: five small ones and an outlier.
y = np.array([1, 2, 3, 4, 5, 105], dtype="float32")
# Candidate constants 0, 0.25, 0.5, ..., 30 (exact in float32);
# row i predicts c[i] for all six targets.
c = np.arange(0, 30.25, 0.25, dtype="float32")
y_true = np.tile(y, (len(c), 1))
y_pred = np.tile(c[:, None], (1, len(y)))

losses = {
    "MSE": keras.losses.MeanSquaredError(reduction=None),
    "MAE": keras.losses.MeanAbsoluteError(reduction=None),
}
for name, loss in losses.items():
    # One loss per candidate: the mean over the 6 targets.
    values = loss(y_true, y_pred).numpy()
    # Every candidate that reaches the smallest value, not just the first.
    best = c[values == values.min()]
    print(f"{name}: smallest loss {values.min():.2f} at c = {best}")
    #> MSE: smallest loss 1446.67 at c = [20.]
    #> MAE: smallest loss 18.00 at c = [3.   3.25 3.5  3.75 4.  ]

print(f"mean {np.mean(y):.2f}, median {np.median(y):.2f}")
#> mean 20.00, median 3.50
