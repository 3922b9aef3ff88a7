import keras
import numpy as np

y = np.array([1, 2, 3, 4, 100], dtype="float32")
# Candidate constants 0.0, 0.1, ..., 30.0;
# row i predicts c[i] for all five targets.
c = np.linspace(0, 30, 301, dtype="float32")
y_true = np.tile(y, (len(c), 1))
y_pred = np.tile(c[:, None], (1, len(y)))

losses = {
    "MSE": keras.losses.MeanSquaredError(reduction=None),
    "MAE": keras.losses.MeanAbsoluteError(reduction=None),
    "Huber, delta=1": keras.losses.Huber(delta=1.0, reduction=None),
    "Huber, delta=10": keras.losses.Huber(delta=10.0, reduction=None),
    "Huber, delta=50": keras.losses.Huber(delta=50.0, reduction=None),
    "Huber, delta=100": keras.losses.Huber(delta=100.0, reduction=None),
}
for name, loss in losses.items():
    # One loss per candidate: the mean over the 5 targets.
    values = loss(y_true, y_pred).numpy()
    print(f"{name:17} best constant {c[values.argmin()]:5.2f}")
    #> MSE               best constant 22.00
    #> MAE               best constant  3.00
    #> Huber, delta=1    best constant  3.00
    #> Huber, delta=10   best constant  5.00
    #> Huber, delta=50   best constant 15.00
    #> Huber, delta=100  best constant 22.00

print(f"mean {np.mean(y):.2f}, median {np.median(y):.2f}")
#> mean 22.00, median 3.00
