import keras

y_true = [[0.0], [1.0]]
y_pred = [[1.0], [1.0]]

mse = keras.losses.MeanSquaredError()
print(mse(y_true, y_pred).numpy())
#> 0.5

# The sum of the squared errors instead of their mean: N = 2 times as much.
sum_of_squares = keras.losses.MeanSquaredError(reduction="sum")
print(sum_of_squares(y_true, y_pred).numpy())
#> 1.0
