import inspect

import keras

y_true = [[0.0], [1.0]]
y_pred = [[0.6], [0.4]]

# delta=1.0 (the default) is smooth L1: quadratic for |error| < 1, then linear.
huber = keras.losses.Huber(delta=1.0)
print(huber(y_true, y_pred).numpy())
#> 0.18
print(inspect.signature(keras.losses.Huber).parameters["delta"])
#> delta=1.0
