/**
 * Models as TensorFlow graphs: {@link org.sparsecode.model.ModelGraph} owns the graph and session;
 * builders such as {@link org.sparsecode.model.MlpClassifier} add a model's named endpoints to it.
 */
package org.sparsecode.model;
