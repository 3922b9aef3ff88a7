import keras

# Predict first: one sample per row, errors 0.5, 1 and 3.
y_true = [[0.0], [0.0], [0.0]]
y_pred = [[0.5], [1.0], [3.0]]

# Huber with delta=1 (smooth L1): 0.5 * x**2 up to |x| = 1, then |x| - 0.5.
huber = keras.losses.Huber(delta=1.0, reduction=None)
# The error 3 costs 3 - 0.5 = 2.5, not 0.5 * 3**2 = 4.5.
print(huber(y_true, y_pred).numpy())
#> [0.125 0.5   2.5  ]

# MSE on the same errors: the large one costs 9, 3.6 times as much.
mse = keras.losses.MeanSquaredError(reduction=None)
print(mse(y_true, y_pred).numpy())
#> [0.25 1.   9.  ]
