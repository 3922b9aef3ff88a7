import keras
import numpy as np

# A model whose every prediction is its bias b (the input is 0), b = 0 at
# first, and the targets 1, 2, 3, 4: squared errors 1, 4, 9, 16.
x = np.zeros((4, 1), dtype="float32")
y = np.array([[1.0], [2.0], [3.0], [4.0]], dtype="float32")

for reduction in ["sum_over_batch_size", "sum", None]:
    line = keras.layers.Dense(1, kernel_initializer="zeros")
    model = keras.Sequential([keras.Input(shape=(1,)), line])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1),
                  loss=keras.losses.MeanSquaredError(reduction=reduction),
                  run_eagerly=True)  # no graph for a single step
    # One step on the whole batch; the loss reported is from before it.
    history = model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    loss, b = history.history["loss"][0], line.bias.numpy()[0]
    print(f"{reduction!s:20} reported loss {loss:4}  b after one step {b}")
    #> sum_over_batch_size  reported loss  7.5  b after one step 0.5
    #> sum                  reported loss 30.0  b after one step 2.0
    #> None                 reported loss  7.5  b after one step 2.0

# Two steps in one epoch, on the same 4 samples twice: fit reports one
# number, the mean of the two losses, each taken before its own step.
line = keras.layers.Dense(1, kernel_initializer="zeros")
model = keras.Sequential([keras.Input(shape=(1,)), line])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse",
              run_eagerly=True)
history = model.fit(np.concatenate([x, x]), np.concatenate([y, y]),
                    batch_size=4, epochs=1, shuffle=False, verbose=0)
at_half = np.mean((y - 0.5) ** 2)  # the loss before the second step, b = 0.5
print(history.history["loss"], (7.5 + at_half) / 2, at_half)
#> [6.375] 6.375 5.25
