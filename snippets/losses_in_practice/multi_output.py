import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()

# 64 samples with 3 features; two targets each: a number (regression) and
# a class, 0 or 1.
rng = np.random.default_rng(0)
x = rng.normal(size=(64, 3)).astype("float32")
y_a = (x @ np.array([[1.0], [-2.0], [0.5]])).astype("float32")
y_b = (x[:, :1] + x[:, 1:2] > 0).astype("float32")

# A shared hidden layer, then two outputs, named by their layers.
inputs = keras.Input(shape=(3,))
hidden = keras.layers.Dense(8, activation="relu")(inputs)
a = keras.layers.Dense(1, name="a")(hidden)  # a number
b = keras.layers.Dense(1, name="b")(hidden)  # a logit
model = keras.Model(inputs, [a, b])
print(model.output_names)
#> ['a', 'b']

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss={"a": "mse", "b": keras.losses.BinaryCrossentropy(from_logits=True)},
    loss_weights={"a": 0.5, "b": 2.0},
    metrics={"b": [keras.metrics.BinaryAccuracy(threshold=0.0)]},
)
targets = {"a": y_a, "b": y_b}
result = model.evaluate(x, targets, verbose=0, return_dict=True)
for name, value in result.items():
    print(f"{name:17} {value:.6f}")
    #> a_loss            4.838473
    #> b_binary_accuracy 0.437500
    #> b_loss            0.853500
    #> loss              4.126236

# a_loss and b_loss are each output's own loss, not weighted ...
pred_a, pred_b = model.predict(x, verbose=0)
mse = keras.losses.MeanSquaredError()(y_a, pred_a).numpy()
bce = keras.losses.BinaryCrossentropy(from_logits=True)(y_b, pred_b).numpy()
print(f"by hand: a {mse:.6f}  b {bce:.6f}")
#> by hand: a 4.838473  b 0.853500
# ... and loss is their weighted sum.
total = 0.5 * result["a_loss"] + 2.0 * result["b_loss"]
print(f"0.5 * a_loss + 2.0 * b_loss = {total:.6f}")
#> 0.5 * a_loss + 2.0 * b_loss = 4.126236

# fit reports the same three losses for every epoch, with the same rule.
data = tf.data.Dataset.from_tensors((x, targets)).repeat()
history = model.fit(data, epochs=20, steps_per_epoch=1, shuffle=False,
                    verbose=0).history
print(sorted(history))
#> ['a_loss', 'b_binary_accuracy', 'b_loss', 'loss']
for epoch in [0, 19]:
    weighted = 0.5 * history["a_loss"][epoch] + 2.0 * history["b_loss"][epoch]
    loss = history["loss"][epoch]
    print(f"epoch {epoch + 1:2}: loss {loss:.6f}, weighted sum {weighted:.6f}")
    #> epoch  1: loss 4.126236, weighted sum 4.126236
    #> epoch 20: loss 2.278158, weighted sum 2.278158
