import keras
import numpy as np

# Two samples with three outputs each (think of three labels per sample).
y_true = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
y_pred = np.array([[0.05, 0.9, 0.05], [0.3, 0.2, 0.5]])

# reduction=None gives one loss per sample;
# the default averages them over the batch.
print(keras.losses.MeanSquaredError(reduction=None)(y_true, y_pred).numpy())
#> [0.005      0.12666667]
print(keras.losses.MeanSquaredError()(y_true, y_pred).numpy())
#> 0.06583333

# Per sample, MAE, MSE, Huber and binary cross-entropy AVERAGE over the
# last axis...
error = y_pred - y_true
per_output = {
    "MAE": np.abs(error),
    "MSE": error**2,
    "Huber": np.where(np.abs(error) <= 1, 0.5 * error**2, np.abs(error) - 0.5),
    "BCE": -(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)),
}
for name, loss in [
    ("MAE", keras.losses.MeanAbsoluteError(reduction=None)),
    ("MSE", keras.losses.MeanSquaredError(reduction=None)),
    ("Huber", keras.losses.Huber(reduction=None)),
    ("BCE", keras.losses.BinaryCrossentropy(reduction=None)),
]:
    keras_values = loss(y_true, y_pred).numpy()
    numpy_means = per_output[name].mean(axis=-1)
    print(f"{name:5} Keras {keras_values}  NumPy mean {numpy_means.round(6)}")
    #> MAE   Keras [0.06666667 0.33333334]  NumPy mean [0.066667 0.333333]
    #> MSE   Keras [0.005      0.12666667]  NumPy mean [0.005    0.126667]
    #> Huber Keras [0.0025     0.06333333]  NumPy mean [0.0025   0.063333]
    #> BCE   Keras [0.06931572 0.4243219 ]  NumPy mean [0.069316 0.424322]

# ...while categorical cross-entropy SUMS over it
# (one-hot labels keep one term).
cce = keras.losses.CategoricalCrossentropy(reduction=None)
print(f"CCE   Keras {cce(y_true, y_pred).numpy()}")
#> CCE   Keras [0.10536055 0.6931472 ]
print(f"      NumPy sum  {(-y_true * np.log(y_pred)).sum(axis=-1).round(6)}")
#>       NumPy sum  [0.105361 0.693147]
