import keras

y_true = [[0.0], [1.0]]
y_pred = [[1.0], [0.0]]

mae = keras.losses.MeanAbsoluteError()
print(mae(y_true, y_pred).numpy())
#> 1.0
