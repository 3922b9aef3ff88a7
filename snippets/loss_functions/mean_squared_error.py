import keras

y_true = [[0.0], [1.0]]
y_pred = [[1.0], [1.0]]

mse = keras.losses.MeanSquaredError()
print(mse(y_true, y_pred).numpy())
#> 0.5
