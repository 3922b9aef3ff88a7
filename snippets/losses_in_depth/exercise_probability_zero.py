import keras
import numpy as np

cce = keras.losses.CategoricalCrossentropy()
y_true = np.array([[0, 1, 0]])

# The true class gets probability exactly 0. By the formula, -log(0) = inf;
# Keras clips the probability to epsilon first.
print(cce(y_true, np.array([[1.0, 0.0, 0.0]])).numpy())
#> 16.118095
print(-np.log(keras.config.epsilon()))
#> 16.11809565095832

# A perfect prediction: by the formula 0, but Keras clips 1 down to
# 1 - epsilon, so the loss is a tiny positive number.
print(cce(y_true, np.array([[0.0, 1.0, 0.0]])).numpy())
#> 1.1920929e-07
