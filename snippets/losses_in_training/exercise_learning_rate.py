import keras
import numpy as np

keras.utils.set_random_seed(0)  # fit shuffles the batch: same order each run
# The data of compile_and_fit.py: 32 points near the line y = 3x - 1.
rng = np.random.default_rng(0)
x = rng.uniform(-1, 1, size=(32, 1)).astype("float32")
y = (3 * x - 1 + 0.1 * rng.normal(size=(32, 1))).astype("float32")


def train(learning_rate, epochs=20):
    # The same line y = w x + b from w = b = 0 every time; only the
    # learning rate changes.
    line = keras.layers.Dense(1, kernel_initializer="zeros")
    model = keras.Sequential([keras.Input(shape=(1,)), line])
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
    model.compile(optimizer=optimizer, loss="mse")
    before = model.evaluate(x, y, verbose=0)
    # One batch of 32 points: one step per epoch.
    model.fit(x, y, batch_size=32, epochs=epochs, verbose=0)
    return before, model.evaluate(x, y, verbose=0)


# The loss before training and after 20 epochs, for four learning rates.
for learning_rate in [0.01, 0.1, 0.5, 1.5]:
    before, after = train(learning_rate)
    print(f"learning rate {learning_rate:4}: loss {before:.3f} -> {after:.4g}")
    #> learning rate 0.01: loss 4.013 -> 2.843
    #> learning rate  0.1: loss 4.013 -> 0.163
    #> learning rate  0.5: loss 4.013 -> 0.009276
    #> learning rate  1.5: loss 4.013 -> 7.044e+11
