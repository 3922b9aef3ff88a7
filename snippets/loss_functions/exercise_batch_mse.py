import keras

# Predict first: two samples, two outputs each, every target 0.
y_true = [[0.0, 0.0], [0.0, 0.0]]
y_pred = [[1.0, 2.0], [3.0, 4.0]]  # squared errors 1, 4 and 9, 16

mse = keras.losses.MeanSquaredError()
# One number for the whole batch. Not 15 (the mean of the per-sample sums
# 5 and 25) and not 30 (the total): each sample's 2 outputs are averaged,
# then the 2 samples are averaged, so it is the mean of all 4 squares.
print(mse(y_true, y_pred).numpy())
#> 7.5

# With reduction=None: one loss per sample, (1 + 4) / 2 and (9 + 16) / 2.
per_sample = keras.losses.MeanSquaredError(reduction=None)
print(per_sample(y_true, y_pred).numpy())
#> [ 2.5 12.5]
