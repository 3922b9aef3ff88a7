import keras
import numpy as np

# Four samples, input x = 1, two targets per sample: 1 and 2.
x = np.ones((4, 1))
y_first = np.ones((4, 1))
y_second = 2 * np.ones((4, 1))

# One output with two units. The weights start at zero, so every
# prediction is 0 and the squared errors are 1 and 4.
two_units = keras.layers.Dense(2, kernel_initializer="zeros")
one_output = keras.Sequential([keras.Input(shape=(1,)), two_units])
one_output.compile(loss="mse")
y_both = np.concatenate([y_first, y_second], axis=1)
print(one_output.evaluate(x, y_both, verbose=0))  # the mean of 1 and 4
#> 2.5

# Two outputs of one unit each (Functional API), one loss per output.
inputs = keras.Input(shape=(1,))
first = keras.layers.Dense(1, kernel_initializer="zeros", name="first")
second = keras.layers.Dense(1, kernel_initializer="zeros", name="second")
two_outputs = keras.Model(inputs, [first(inputs), second(inputs)])
two_outputs.compile(loss=["mse", "mse"])
y_list = [y_first, y_second]
print(two_outputs.evaluate(x, y_list, verbose=0, return_dict=True))
#> {'first_loss': 1.0, 'loss': 5.0, 'second_loss': 4.0}
# The total loss is the SUM of the two losses, 1 + 4.
