import keras
import numpy as np

cce = keras.losses.CategoricalCrossentropy()
y_true = np.array([[0, 1, 0]])

# "Probabilities" that add up to 0.5 instead of 1,
# and the same row divided by its sum.
y_pred = np.array([[0.125, 0.25, 0.125]])
print(y_pred.sum(), y_pred / y_pred.sum())
#> 0.5 [[0.25 0.5  0.25]]

# Keras divides each row by its sum first,
# so both give the loss of the normalized row...
print(cce(y_true, y_pred).numpy(), cce(y_true, y_pred / y_pred.sum()).numpy())
#> 0.6931472 0.6931472
# ...which is -log(0.5); the plain formula, without that step, gives -log(0.25).
print(f"{-np.log(0.5):.7f} {-np.log(0.25):.7f}")
#> 0.6931472 1.3862944
