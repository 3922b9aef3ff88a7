import keras

# Two samples with one sigmoid output each:
# the first is negative, the second positive.
y_true = [[0], [1]]
y_pred = [[0.4], [0.6]]

bce = keras.losses.BinaryCrossentropy()
print(bce(y_true, y_pred).numpy())
#> 0.5108256

# Predictions closer to the labels.
y_pred_better = [[0.1], [0.9]]
print(bce(y_true, y_pred_better).numpy())
#> 0.105360545
