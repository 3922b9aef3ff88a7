import keras
import numpy as np

mse = keras.losses.MeanSquaredError()
# Targets 1, 2, 3, 4 and predictions 0: per-sample losses 1, 4, 9, 16.
y_true = np.array([[1.0], [2.0], [3.0], [4.0]], dtype="float32")
y_pred = np.zeros((4, 1), dtype="float32")
weights = np.array([2.0, 1.0, 0.0, 0.0], dtype="float32")

# Each loss times its weight, summed, divided by the number of samples (4).
print(mse(y_true, y_pred, sample_weight=weights).numpy(), (2 * 1 + 1 * 4) / 4)
#> 1.5 1.5
# Not the weighted mean, which divides by the sum of the weights (3):
print((2 * 1 + 1 * 4) / 3)
#> 2.0
weighted_mean = keras.losses.MeanSquaredError(
    reduction="mean_with_sample_weight"
)
print(weighted_mean(y_true, y_pred, sample_weight=weights).numpy())
#> 2.0

# fit and evaluate take sample_weight too, and apply the same rule.
x = np.zeros((4, 1), dtype="float32")  # every prediction is the bias b


def one_step(weights):
    line = keras.layers.Dense(1, kernel_initializer="zeros")  # b = 0
    model = keras.Sequential([keras.Input(shape=(1,)), line])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss=mse,
                  run_eagerly=True)  # no graph for a single step
    before = model.evaluate(x, y_true, sample_weight=weights, verbose=0)
    history = model.fit(x, y_true, sample_weight=weights, batch_size=4,
                        epochs=1, verbose=0)
    loss, b = history.history["loss"][0], line.bias.numpy()[0]
    print(f"evaluate {before}  fit {loss}  b after one step {b:.1f}")
    #> evaluate 1.5  fit 1.5  b after one step 0.2
    #> evaluate 3.0  fit 3.0  b after one step 0.4


one_step(weights)
# Twice the weights: twice the loss, and a step twice as long.
one_step(2 * weights)

# evaluate averages the losses of its batches: the weighted mean holds per
# batch. In batches of 2, the second batch has weights 0 and 0 and loss 0.
model = keras.Sequential([keras.Input(shape=(1,)),
                          keras.layers.Dense(1, kernel_initializer="zeros")])
model.compile(loss=weighted_mean, run_eagerly=True)
for batch_size in [4, 2]:
    loss = model.evaluate(x, y_true, sample_weight=weights,
                          batch_size=batch_size, verbose=0)
    print(f"batches of {batch_size}: {loss}")
    #> batches of 4: 2.0
    #> batches of 2: 1.0
